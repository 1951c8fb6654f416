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
import java.util.function.Function;
import nl.wur.cip.helpdesk.knowledge.AnswerCard;

/**
 * Drafts cards from content gaps ({@link CardDraft}) with the closest card's sources, looked up in the knowledge the
 * gaps were found in (the one answering now), and saves them in the drafts folder. A draft already there is never
 * replaced: the office may be writing its answers.
 */
public final class CardDrafts {
    private final Path folder;
    private final Clock clock;

    public CardDrafts(Path folder, Clock clock) {
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

    /** @param cards the cards by id of the knowledge the gap was found in ({@link ContentGaps#card}) */
    public String markdown(ContentGaps.Gap gap, Function<String, Optional<AnswerCard>> cards) {
        Optional<AnswerCard> closest = gap.closestCard().flatMap(c -> cards.apply(c.id()));
        return CardDraft.markdown(gap, closest, LocalDate.now(clock));
    }

    /** Writes the gap's draft as a new file; refuses when one of that name is there. */
    public Saved save(ContentGaps.Gap gap, Function<String, Optional<AnswerCard>> cards) throws AlreadyThere {
        String file = CardDraft.fileName(gap.id());
        String markdown = markdown(gap, cards);
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
