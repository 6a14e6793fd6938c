package dev.gatehouse.application.token.service;

import dev.gatehouse.application.client.port.out.OAuthClientRepository;
import dev.gatehouse.domain.client.OAuthClientRecordId;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers when each client last got a token and writes it in batches ({@link #flush()}, run once a
 * minute and at shutdown), so that a token request costs no database write.
 */
public final class LastUsedTracker {

    private final OAuthClientRepository clients;
    private final Map<OAuthClientRecordId, Instant> pending = new ConcurrentHashMap<>();

    public LastUsedTracker(OAuthClientRepository clients) {
        this.clients = clients;
    }

    public void used(OAuthClientRecordId client, Instant when) {
        pending.merge(client, when, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Writes every pending time; returns how many clients were written. */
    public int flush() {
        int written = 0;
        for (OAuthClientRecordId client : pending.keySet()) {
            Instant when = pending.remove(client);
            if (when != null) {
                clients.markUsed(client, when);
                written++;
            }
        }
        return written;
    }
}
