package nl.wur.cip.helpdesk.knowledge;

import java.util.List;

/** A guidance or law file: its metadata and the passages it was split into. */
public record KnowledgeDocument(
        String id,
        String kind,
        String title,
        String reference,
        String url,
        Language language,
        String updated,
        String path,
        List<Passage> passages) {}
