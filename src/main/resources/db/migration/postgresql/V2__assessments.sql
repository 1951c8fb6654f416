-- PostgreSQL has no CLOB; TEXT is its unbounded string (V4 then gives both databases the same VARCHAR(1000000)).
CREATE TABLE assessment (
    id                VARCHAR(40)  PRIMARY KEY,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    checklist_version VARCHAR(40)  NOT NULL,
    language          VARCHAR(2)   NOT NULL,
    answers           TEXT         NOT NULL,
    result            TEXT         NOT NULL
);
