package dev.gatehouse.domain.client;

/** Whether an OAuth client may get tokens. A deleted client is kept as a tombstone so its id is never reused. */
public enum ClientStatus {
    ACTIVE,
    DISABLED,
    DELETED
}
