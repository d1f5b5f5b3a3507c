-- 007: passwords for the web interface.  pw_hash is
-- "scrypt$N$r$p$SALT_HEX$HASH_HEX" (EVP_PBE_scrypt, memory-hard).
ALTER TABLE actor ADD COLUMN pw_hash TEXT;
ALTER TABLE actor ADD COLUMN pw_set TEXT;
