package nl.wur.cip.helpdesk.insight;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import nl.wur.cip.helpdesk.knowledge.AnswerCard;
import nl.wur.cip.helpdesk.knowledge.KnowledgeBase;

/**
 * Drafts cards from content gaps ({@link CardDraft}) with the closest card's sources looked up in the loaded
 * knowledge, and saves them in the drafts folder. A draft already there is never replaced: the office may be
 * writing its answers.
 */
public final class CardDrafts {
    private final KnowledgeBase knowledge;
    private final Path folder;
    private final Clock clock;

    public CardDrafts(KnowledgeBase knowledge, Path folder, Clock clock) {
        this.knowledge = knowledge;
        this.folder = folder;
        this.clock = clock;
    }

    /** A saved draft: its file name in the drafts folder and what it holds. */
    public record Saved(String file, String id, String markdown) {}

    /** Said when the gap's draft is already in the folder. */
    public static final class AlreadyThere extends Exception {
        private final String file;

        AlreadyThere(String file) {
            super(file + " is already in the drafts folder");
            this.file = file;
        }

        public String file() {
            return file;
        }
    }

    public String markdown(ContentGaps.Gap gap) {
        Optional<AnswerCard> closest = gap.closestCard().flatMap(c -> knowledge.card(c.id()));
        return CardDraft.markdown(gap, closest, LocalDate.now(clock));
    }

    /** Writes the gap's draft as a new file; refuses when one of that name is there. */
    public Saved save(ContentGaps.Gap gap) throws AlreadyThere {
        String file = CardDraft.fileName(gap.id());
        String markdown = markdown(gap);
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(file), markdown, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw new AlreadyThere(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the draft " + file + " in " + folder, e);
        }
        return new Saved(file, CardDraft.cardId(gap.id()), markdown);
    }
}
