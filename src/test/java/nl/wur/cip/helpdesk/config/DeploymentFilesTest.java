package nl.wur.cip.helpdesk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile, compose.yaml and nginx configuration, read as files (no Docker engine runs in the build): two
 * instances on the one PostgreSQL with settings the code really reads, data on volumes, and a proxy whose upstreams
 * are those instances on the port the image listens on.
 */
class DeploymentFilesTest {
    private static final Pattern ENV_LINE = Pattern.compile("(HELPDESK_[A-Z0-9_]+)=(\\S+)");
    private static final Pattern UPSTREAM_SERVER =
            Pattern.compile("^\\s*server\\s+([\\w.-]+):(\\d+)", Pattern.MULTILINE);

    private JsonNode compose;
    private JsonNode services;
    private Map<String, String> imageEnv;
    private String dockerfile;

    @BeforeEach
    void read() throws Exception {
        compose = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of("compose.yaml").toFile());
        services = compose.get("services");
        dockerfile = Files.readString(Path.of("Dockerfile"));
        imageEnv = new HashMap<>();
        Matcher m = ENV_LINE.matcher(dockerfile);
        while (m.find()) {
            imageEnv.put(m.group(1), m.group(2));
        }
    }

    private List<String> helpdesks() {
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(name -> {
            if (services.get(name).path("build").asText().equals(".")) {
                names.add(name);
            }
        });
        return names;
    }

    @Test
    void twoInstancesShareThePostgresDatabaseAndTheMailCatcher() {
        List<String> helpdesks = helpdesks();
        assertEquals(2, helpdesks.size(), "two instances built from the Dockerfile: " + helpdesks);
        JsonNode db = services.get("db");
        assertTrue(db.get("image").asText().startsWith("postgres:"), db.toString());
        String database = db.get("environment").get("POSTGRES_DB").asText();
        String user = db.get("environment").get("POSTGRES_USER").asText();
        String mailService = "mail";
        assertTrue(services.get(mailService).get("image").asText().startsWith("axllent/mailpit"));
        for (String name : helpdesks) {
            JsonNode env = services.get(name).get("environment");
            assertEquals(
                    "jdbc:postgresql://db:5432/" + database,
                    env.get("HELPDESK_DB_URL").asText(),
                    name);
            assertEquals(user, env.get("HELPDESK_DB_USER").asText(), name);
            assertEquals(
                    db.get("environment").get("POSTGRES_PASSWORD").asText(),
                    env.get("HELPDESK_DB_PASSWORD").asText(),
                    name);
            assertEquals(mailService, env.get("HELPDESK_SMTP_HOST").asText(), name);
            assertEquals("1025", env.get("HELPDESK_SMTP_PORT").asText(), "Mailpit's SMTP port");
            assertEquals("none", env.get("HELPDESK_SMTP_TLS").asText(), "Mailpit speaks plain SMTP");
            assertEquals(
                    "service_healthy",
                    services.get(name)
                            .get("depends_on")
                            .get("db")
                            .get("condition")
                            .asText());
        }
        assertTrue(db.has("healthcheck"), "service_healthy needs the database's health check");
    }

    @Test
    void everyHelpdeskSettingInTheFilesIsOneTheCodeReads() throws Exception {
        Set<String> read = SettingNames.readByTheCode();
        Set<String> used = new TreeSet<>(imageEnv.keySet());
        for (String name : helpdesks()) {
            services.get(name).get("environment").fieldNames().forEachRemaining(used::add);
        }
        used.removeAll(read);
        assertEquals(Set.of(), used, "settings in the Dockerfile or compose.yaml that the code does not read");
    }

    @Test
    void eachInstanceKeepsItsDataFolderAndTheDatabaseItsFilesOnNamedVolumes() {
        Set<String> declared = new LinkedHashSet<>();
        compose.get("volumes").fieldNames().forEachRemaining(declared::add);
        String dataDir = imageEnv.get("HELPDESK_DATA_DIR");
        assertTrue(dockerfile.contains("VOLUME " + dataDir), "the image declares its data folder a volume");
        Set<String> instanceVolumes = new LinkedHashSet<>();
        for (String name : helpdesks()) {
            String mount = services.get(name).get("volumes").get(0).asText();
            assertTrue(mount.endsWith(":" + dataDir), mount);
            String volume = mount.substring(0, mount.indexOf(':'));
            assertTrue(declared.contains(volume), volume + " is declared");
            instanceVolumes.add(volume);
        }
        assertEquals(2, instanceVolumes.size(), "one data volume per instance");
        String dbMount = services.get("db").get("volumes").get(0).asText();
        assertEquals("/var/lib/postgresql/data", dbMount.substring(dbMount.indexOf(':') + 1));
        assertTrue(declared.contains(dbMount.substring(0, dbMount.indexOf(':'))));
    }

    @Test
    void theProxysUpstreamsAreTheInstancesOnThePortTheImageListensOn() throws Exception {
        JsonNode proxy = services.get("proxy");
        String mount = proxy.get("volumes").get(0).asText();
        Path config = Path.of(mount.substring(0, mount.indexOf(':')));
        assertTrue(Files.isRegularFile(config), config + " exists");
        String nginx = Files.readString(config);
        Set<String> upstreams = new TreeSet<>();
        Matcher m = UPSTREAM_SERVER.matcher(nginx);
        while (m.find()) {
            upstreams.add(m.group(1) + ":" + m.group(2));
        }
        String port = imageEnv.get("HELPDESK_PORT");
        assertTrue(dockerfile.contains("EXPOSE " + port));
        Set<String> expected = new TreeSet<>();
        helpdesks().forEach(name -> expected.add(name + ":" + port));
        assertEquals(expected, upstreams);
        assertTrue(nginx.contains("proxy_pass http://helpdesk;"));
        Set<String> dependsOn = new TreeSet<>();
        proxy.get("depends_on").forEach(n -> dependsOn.add(n.asText()));
        assertEquals(new TreeSet<>(helpdesks()), dependsOn);
    }

    @Test
    void theImageCopiesWhatExistsAndRunsTheJarItBuilt() {
        Matcher copy =
                Pattern.compile("^COPY (?!--from)(\\S+) ", Pattern.MULTILINE).matcher(dockerfile);
        int copies = 0;
        while (copy.find()) {
            assertTrue(Files.exists(Path.of(copy.group(1))), copy.group(1));
            copies++;
        }
        assertTrue(copies >= 5, "pom.xml, src and knowledge to build; knowledge and web to run");
        assertTrue(dockerfile.contains("COPY --from=build /src/target/cip-helpdesk.jar /app/cip-helpdesk.jar"));
        assertTrue(dockerfile.contains("\"-jar\", \"/app/cip-helpdesk.jar\""));
        assertTrue(
                Files.isDirectory(Path.of(imageEnv.get("HELPDESK_KNOWLEDGE_DIR").replace("/app/", ""))));
    }
}
