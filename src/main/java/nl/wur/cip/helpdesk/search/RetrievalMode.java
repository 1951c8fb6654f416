package nl.wur.cip.helpdesk.search;

/** Which signals rank passages: kept selectable so their recall can be measured against each other. */
public enum RetrievalMode {
    BM25,
    DENSE,
    FUSED
}
