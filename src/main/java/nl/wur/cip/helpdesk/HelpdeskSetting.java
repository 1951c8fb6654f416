package nl.wur.cip.helpdesk;

import static nl.wur.cip.helpdesk.config.Setting.choice;
import static nl.wur.cip.helpdesk.config.Setting.number;
import static nl.wur.cip.helpdesk.config.Setting.onOff;
import static nl.wur.cip.helpdesk.config.Setting.text;

import java.util.List;
import nl.wur.cip.helpdesk.config.DeclaredSetting;
import nl.wur.cip.helpdesk.config.Setting;
import nl.wur.cip.helpdesk.storage.DatabaseSettings;

/**
 * Every setting of the helpdesk, declared once: variable, default, what it accepts and what it means. HelpdeskConfig
 * reads them; the README's table is generated from them ({@code java -jar target/cip-helpdesk.jar settings-table}).
 * The order is the README's.
 */
public enum HelpdeskSetting implements DeclaredSetting {
    PORT(number("HELPDESK_PORT", 7070, 0, 65535, "HTTP port (`0` picks a free one)")),
    DATA_DIR(text(
                    "HELPDESK_DATA_DIR",
                    "data",
                    "everything the server writes: the embedded database, and the vectors and"
                            + " intent model of knowledge changed after the build")
            .accepting("folder")),
    KNOWLEDGE_DIR(text("HELPDESK_KNOWLEDGE_DIR", "knowledge", "the knowledge folder (see `knowledge/README.md`)")
            .accepting("folder")),
    WEB_DIR(text("HELPDESK_WEB_DIR", "web", "the browser front end").accepting("folder")),
    DRAFTS_DIR(text(
                    "HELPDESK_DRAFTS_DIR",
                    "",
                    "where the insight page saves the answer cards drafted from content gaps, for the office to"
                            + " write their answers and move into `knowledge/faq/`")
            .shownAs("`drafts` in the data folder")
            .accepting("folder")),
    ESCALATION_TO(text(
                    "HELPDESK_ESCALATION_TO",
                    "copyright@wur.nl",
                    "the copyright office's address: escalations go" + " there, and it is shown in every disclaimer")
            .accepting("e-mail address")),
    EMBEDDING_MODEL(text(
                    "HELPDESK_EMBEDDING_MODEL",
                    "",
                    "path to another ONNX embedding model: a folder with `model.onnx`"
                            + " and `tokenizer.json`, or the `.onnx` file with `tokenizer.json` beside it (e.g. a multilingual model)")
            .shownAs("(bundled all-MiniLM-L6-v2, quantised)")
            .accepting("path")),
    EMBEDDING_POOLING(choice("HELPDESK_EMBEDDING_POOLING", "mean", List.of("mean", "cls"), "pooling of that model")),
    EMBEDDING_THREADS(number(
            "HELPDESK_EMBEDDING_THREADS",
            1,
            1,
            64,
            "ONNX Runtime threads per embedding; requests"
                    + " already run side by side, one per core, so one thread each, sequential and without spin-waiting, spends the"
                    + " CPU on answers (LangChain4j's default session split each embedding over every core with spinning helper"
                    + " threads)")),
    RETRIEVAL(choice(
            "HELPDESK_RETRIEVAL",
            "fused",
            List.of("fused", "bm25", "dense"),
            "which signals rank passages (for comparison; fused is best, see below)")),
    DB_URL(text(
                    "HELPDESK_DB_URL",
                    "",
                    "embedded H2 or PostgreSQL (`jdbc:postgresql://db.example:5432/helpdesk`; the"
                            + " driver is in the jar), which several instances can share (see \"Deployment\"); Flyway creates and migrates"
                            + " the schema at start")
            .shownAs("embedded H2 in the data folder")
            .accepting("JDBC URL")),
    DB_USER(text("HELPDESK_DB_USER", "sa", "database login")),
    DB_PASSWORD(text("HELPDESK_DB_PASSWORD", "", "database password").shownAs("empty")),
    DB_POOL_SIZE(number(
            "HELPDESK_DB_POOL_SIZE",
            DatabaseSettings.DEFAULT_POOL_SIZE,
            1,
            200,
            "most database connections one instance holds (HikariCP; two idle ones are kept)")),
    DB_CONNECT_TIMEOUT_SECONDS(number(
            "HELPDESK_DB_CONNECT_TIMEOUT_SECONDS",
            (int) DatabaseSettings.DEFAULT_CONNECT_TIMEOUT.toSeconds(),
            1,
            300,
            "how long a request waits for a free connection before it fails with `503`")),
    SMTP_HOST(text(
                    "HELPDESK_SMTP_HOST",
                    "",
                    "the SMTP server for escalations; without it escalations are stored for the"
                            + " admin inbox and the researcher is offered a `mailto:`")
            .shownAs("(none: mail off)")
            .accepting("host name")),
    SMTP_PORT(number("HELPDESK_SMTP_PORT", 587, 1, 65535, "SMTP port").shownAs("25 / 587 / 465 by TLS mode")),
    SMTP_TLS(choice(
            "HELPDESK_SMTP_TLS",
            "starttls",
            List.of("none", "starttls", "tls"),
            "`starttls` is required, not opportunistic; `tls` is SMTPS; the server's certificate name is checked")),
    SMTP_USER(text("HELPDESK_SMTP_USER", "", "SMTP login, when the server needs one")),
    SMTP_PASSWORD(text("HELPDESK_SMTP_PASSWORD", "", "SMTP password, when the server needs one")),
    SMTP_FROM(text("HELPDESK_SMTP_FROM", "", "the address mails are sent from, e.g. `cip-helpdesk@wur.nl`")
            .shownAs("required with a host")
            .accepting("e-mail address")),
    SMTP_TIMEOUT_SECONDS(
            number("HELPDESK_SMTP_TIMEOUT_SECONDS", 20, 1, 600, "connect, read and write timeout per SMTP connection")),
    ADMIN_PASSWORD(text(
                    "HELPDESK_ADMIN_PASSWORD",
                    "",
                    "enables the admin inbox at `/admin` with one shared password,"
                            + " which gives the handler role; kept only as a salted PBKDF2 hash in memory. Without it and without"
                            + " `HELPDESK_OIDC_DISCOVERY_URL` the admin is off")
            .shownAs("(none: admin off)")),
    OIDC_DISCOVERY_URL(text(
                    "HELPDESK_OIDC_DISCOVERY_URL",
                    "",
                    "the OpenID Connect provider's discovery document, e.g."
                            + " `https://connect.surfconext.nl/.well-known/openid-configuration` or"
                            + " `https://login.microsoftonline.com/<tenant-id>/v2.0/.well-known/openid-configuration`; enables sign-in with a"
                            + " personal account (see \"Admin sign-in, roles and audit\")")
            .shownAs("(none: no named sign-in)")
            .accepting("URL")),
    OIDC_CLIENT_ID(text("HELPDESK_OIDC_CLIENT_ID", "", "the client id this helpdesk is registered with at the provider")
            .shownAs("required with a discovery URL")),
    OIDC_CLIENT_SECRET(text("HELPDESK_OIDC_CLIENT_SECRET", "", "the client secret the provider gave this helpdesk")
            .shownAs("required with a discovery URL")),
    OIDC_REDIRECT_URL(text(
                    "HELPDESK_OIDC_REDIRECT_URL",
                    "",
                    "this helpdesk's callback as registered at the provider:"
                            + " `https://<host>/admin/api/oidc/callback` (https; http only to localhost)")
            .shownAs("required with a discovery URL")
            .accepting("URL")),
    OIDC_HANDLERS(text(
                    "HELPDESK_OIDC_HANDLERS",
                    "",
                    "comma-separated accounts (e-mail address, user name or the provider's"
                            + " subject id; case does not matter) who sign in as handler")
            .shownAs("(none)")
            .accepting("list")),
    OIDC_VIEWERS(text("HELPDESK_OIDC_VIEWERS", "", "comma-separated accounts who sign in as viewer")
            .shownAs("(none)")
            .accepting("list")),
    OIDC_GROUPS_CLAIM(text(
            "HELPDESK_OIDC_GROUPS_CLAIM",
            "groups",
            "the ID token claim with the person's groups (`groups` at"
                    + " Entra ID, `eduperson_entitlement` at SURFconext)")),
    OIDC_HANDLER_GROUPS(text(
                    "HELPDESK_OIDC_HANDLER_GROUPS",
                    "",
                    "comma-separated values of that claim whose members sign in"
                            + " as handler; a handler listing wins; someone listed nowhere is refused")
            .shownAs("(none)")
            .accepting("list")),
    OIDC_VIEWER_GROUPS(text(
                    "HELPDESK_OIDC_VIEWER_GROUPS",
                    "",
                    "comma-separated values of that claim whose members sign in" + " as viewer")
            .shownAs("(none)")
            .accepting("list")),
    RETENTION_DAYS(
            number(
                    "HELPDESK_RETENTION_DAYS",
                    180,
                    1,
                    3650,
                    "days after an escalation is marked handled before its"
                            + " personal data is deleted; also how long unanswered questions, feedback and checklist records are kept")),
    RATE_ASK_PER_MINUTE(number(
            "HELPDESK_RATE_ASK_PER_MINUTE",
            30,
            0,
            100_000,
            "questions per client address per minute (bursts of half that, at least 5); `0` turns the limit off")),
    RATE_FEEDBACK_PER_MINUTE(number(
            "HELPDESK_RATE_FEEDBACK_PER_MINUTE",
            20,
            0,
            100_000,
            "feedback posts per client address per minute; `0` off")),
    RATE_ESCALATIONS_PER_HOUR(number(
            "HELPDESK_RATE_ESCALATIONS_PER_HOUR", 10, 0, 100_000, "escalations per client address per hour; `0` off")),
    RATE_ASSESS_PER_MINUTE(number(
            "HELPDESK_RATE_ASSESS_PER_MINUTE",
            60,
            0,
            100_000,
            "checklist assessments per client address per minute; `0` off")),
    RATE_LOGINS_PER_MINUTE(number(
            "HELPDESK_RATE_LOGINS_PER_MINUTE",
            10,
            0,
            100_000,
            "admin login attempts per client address per minute, before the password throttle; `0` off")),
    RATE_OPTOUT_PER_MINUTE(number(
            "HELPDESK_RATE_OPTOUT_PER_MINUTE",
            10,
            0,
            100_000,
            "website opt-out checks per client"
                    + " address per minute (each makes up to three requests to that site); `0` off")),
    // A quarter of the server's 64 threads: one address cannot hold them all with slow bodies.
    IN_FLIGHT_PER_ADDRESS(
            number(
                    "HELPDESK_IN_FLIGHT_PER_ADDRESS",
                    16,
                    0,
                    64,
                    "requests with a body (`POST`, `PUT`) one"
                            + " client address may have in progress at once (the server has 64 threads); past it `429`; `0` off")),
    WORK_CONCURRENCY(number(
                    "HELPDESK_WORK_CONCURRENCY",
                    1,
                    1,
                    256,
                    "questions answered at the same time (plus" + " `HELPDESK_LLM_MAX_CONCURRENT` when a model is on)")
            .shownAs("number of cores")),
    WORK_QUEUE(number(
            "HELPDESK_WORK_QUEUE",
            64,
            0,
            10_000,
            "questions that may wait (at most 2 s) for a free slot; past" + " that, `503` with `Retry-After`")),
    MIN_FREE_DISK_MB(number(
            "HELPDESK_MIN_FREE_DISK_MB",
            500,
            0,
            10_000_000,
            "free space the data folder's disk keeps for"
                    + " escalations: below it feedback and checklist records get `503` (`Retry-After: 300`) and the unanswered log is"
                    + " not written; escalations are still stored; `0` off")),
    EMBED_ORIGINS(text(
                    "HELPDESK_EMBED_ORIGINS",
                    "",
                    "origins (e.g. `https://www.wur.nl`) whose pages may show the chat"
                            + " with `embed.js`; they become the CSP `frame-ancestors` of every page but the admin's")
            .accepting("comma-separated origins")),
    ANSWER_CACHE(number(
            "HELPDESK_ANSWER_CACHE",
            1000,
            0,
            1_000_000,
            "recent questions whose answers are kept in memory"
                    + " (the knowledge does not change while running); `0` off")),
    METRICS_TOKEN(text("HELPDESK_METRICS_TOKEN", "", "when set, `/metrics` needs `Authorization: Bearer <token>`")
            .shownAs("(none: open)")),
    OPTOUT_ALLOW_PRIVATE(onOff(
            "HELPDESK_OPTOUT_ALLOW_PRIVATE",
            "let the opt-out check fetch loopback and private addresses (local testing only)")),
    OPTOUT_CONNECT_TIMEOUT_SECONDS(number(
            "HELPDESK_OPTOUT_CONNECT_TIMEOUT_SECONDS",
            3,
            1,
            60,
            "the most one connection of an opt-out check may take to open")),
    OPTOUT_TIMEOUT_SECONDS(number(
            "HELPDESK_OPTOUT_TIMEOUT_SECONDS",
            8,
            1,
            120,
            "the most a whole opt-out check may take, all its requests together")),
    OPTOUT_MAX_BODY_KB(number(
            "HELPDESK_OPTOUT_MAX_BODY_KB",
            512,
            1,
            65_536,
            "the most read of any page an opt-out check fetches; the rest is never downloaded")),
    OPTOUT_MAX_REDIRECTS(number(
            "HELPDESK_OPTOUT_MAX_REDIRECTS",
            3,
            0,
            10,
            "redirects an opt-out check follows per request, each one checked again")),
    OPTOUT_CONCURRENT_CHECKS(number(
            "HELPDESK_OPTOUT_CONCURRENT_CHECKS",
            8,
            1,
            1_000,
            "opt-out checks that may run at once; one more is refused at once, not queued")),
    OPTOUT_USER_AGENT(text(
            "HELPDESK_OPTOUT_USER_AGENT",
            "CIP-Helpdesk-OptOutChecker/1.0 (+copyright@wur.nl)",
            "the User-Agent the opt-out check announces itself with (name your institution's contact)")),
    LLM_PROVIDER(choice(
            "HELPDESK_LLM_PROVIDER",
            "none",
            List.of("none", "openai", "ollama"),
            "`openai` is any" + " OpenAI-compatible endpoint; see \"Optional: answers written by an LLM\"")),
    LLM_BASE_URL(text("HELPDESK_LLM_BASE_URL", "", "the API's base URL, up to and including `/v1`")
            .shownAs("`https://api.openai.com/v1` (openai), `http://localhost:11434/v1` (ollama)")
            .accepting("http(s) URL")),
    LLM_MODEL(
            text("HELPDESK_LLM_MODEL", "", "e.g. `gpt-4o-mini`, `llama3.1:8b`").shownAs("required when on")),
    LLM_API_KEY(text("HELPDESK_LLM_API_KEY", "", "bearer key, when the endpoint needs one")
            .shownAs("empty")),
    LLM_TIMEOUT_MS(number(
            "HELPDESK_LLM_TIMEOUT_MS",
            20_000,
            100,
            600_000,
            "the most one answer may take; after it the" + " extractive answer is returned")),
    LLM_MAX_TOKENS(number("HELPDESK_LLM_MAX_TOKENS", 600, 16, 32_000, "the most tokens one answer may have")),
    LLM_MAX_CONCURRENT(number(
            "HELPDESK_LLM_MAX_CONCURRENT",
            2,
            1,
            1_000,
            "the most model calls in flight; requests beyond" + " it get the extractive answer"));

    private final Setting setting;

    HelpdeskSetting(Setting setting) {
        this.setting = setting;
    }

    @Override
    public Setting setting() {
        return setting;
    }

    /** All declarations, in the README's order. */
    public static List<HelpdeskSetting> all() {
        return List.of(values());
    }
}
