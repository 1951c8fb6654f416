-- A stored assessment (some 20 KB of JSON) as a CLOB went to H2's separate LOB store, about 69 KB of file each.
ALTER TABLE assessment ALTER COLUMN answers SET DATA TYPE VARCHAR(1000000);
ALTER TABLE assessment ALTER COLUMN result SET DATA TYPE VARCHAR(1000000);
