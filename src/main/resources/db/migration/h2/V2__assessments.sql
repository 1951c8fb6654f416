CREATE TABLE assessment (
    id                VARCHAR(40)  PRIMARY KEY,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    checklist_version VARCHAR(40)  NOT NULL,
    language          VARCHAR(2)   NOT NULL,
    answers           CLOB         NOT NULL,
    result            CLOB         NOT NULL
);
