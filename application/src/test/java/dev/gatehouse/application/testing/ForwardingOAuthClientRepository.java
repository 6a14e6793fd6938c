package dev.gatehouse.application.testing;

import dev.gatehouse.application.client.port.out.OAuthClientRepository;
import dev.gatehouse.domain.client.ClientId;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.OAuthClientRecordId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Passes every call on to another repository; a test overrides the calls it wants to watch or disturb. */
public abstract class ForwardingOAuthClientRepository implements OAuthClientRepository {

    private final OAuthClientRepository delegate;

    protected ForwardingOAuthClientRepository(OAuthClientRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public void add(OAuthClient client) {
        delegate.add(client);
    }

    @Override
    public Optional<OAuthClient> findById(OAuthClientRecordId id) {
        return delegate.findById(id);
    }

    @Override
    public Optional<OAuthClient> findByClientId(ClientId clientId) {
        return delegate.findByClientId(clientId);
    }

    @Override
    public List<OAuthClient> listByWorkspace(WorkspaceId workspace) {
        return delegate.listByWorkspace(workspace);
    }

    @Override
    public void markUsed(OAuthClientRecordId id, Instant when) {
        delegate.markUsed(id, when);
    }

    @Override
    public boolean update(OAuthClient next) {
        return delegate.update(next);
    }

    @Override
    public List<OAuthClient> changedSince(Instant since) {
        return delegate.changedSince(since);
    }

    @Override
    public List<OAuthClient> refusingTokensChangedSince(Instant since) {
        return delegate.refusingTokensChangedSince(since);
    }
}
