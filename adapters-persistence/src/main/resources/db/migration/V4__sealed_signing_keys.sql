-- Signing private keys are sealed at rest: AES-GCM under the installation's master key, with the key id as
-- associated data, in sealed_private_jwk. A key that an earlier version stored keeps its plaintext JWK in
-- private_jwk only until the first start of this version, which seals it and clears private_jwk.
ALTER TABLE signing_keys ADD COLUMN sealed_private_jwk VARCHAR;
ALTER TABLE signing_keys ALTER COLUMN private_jwk DROP NOT NULL;
ALTER TABLE signing_keys ADD CONSTRAINT ck_signing_keys_private_key
    CHECK (private_jwk IS NOT NULL OR sealed_private_jwk IS NOT NULL);

-- Which master key the installation uses: a fixed text sealed under it by the first server (or command)
-- that opened this database with a master key. A server whose master key cannot open it refuses to start,
-- so that no server signs with, or adds, keys that the others cannot read.
CREATE TABLE master_key_check (
    id          INTEGER  NOT NULL,
    sealed      VARCHAR  NOT NULL,
    created_at  BIGINT   NOT NULL,
    CONSTRAINT pk_master_key_check PRIMARY KEY (id),
    CONSTRAINT ck_master_key_check_single CHECK (id = 1)
);
