CREATE TABLE feedback (
    id              VARCHAR(36)   PRIMARY KEY,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    conversation_id VARCHAR(100),
    question        VARCHAR(2000) NOT NULL,
    answer          VARCHAR(8000) NOT NULL,
    outcome         VARCHAR(16)   NOT NULL,
    rating          VARCHAR(4)    NOT NULL,
    comment         VARCHAR(1000),
    language        VARCHAR(2)    NOT NULL
);
CREATE INDEX feedback_created ON feedback (created_at);
