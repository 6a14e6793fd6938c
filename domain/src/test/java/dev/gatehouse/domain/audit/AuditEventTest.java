package dev.gatehouse.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domain.apikey.ApiKey;
import dev.gatehouse.domain.client.OAuthClient;
import dev.gatehouse.domain.client.ProjectAccess;
import dev.gatehouse.domain.common.Base62;
import dev.gatehouse.domain.credential.CredentialKind;
import dev.gatehouse.domain.scope.ScopeSet;
import dev.gatehouse.domain.workspace.ProjectId;
import dev.gatehouse.domain.workspace.UserId;
import dev.gatehouse.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditEventTest {

    private static final Instant AT = Instant.parse("2024-05-01T10:15:30.123Z");
    private static final Instant MINUTE = Instant.parse("2024-05-01T10:15:00Z");

    private final SplittableRandom random = new SplittableRandom(34);
    private final WorkspaceId workspace = WorkspaceId.generate(random);
    private final UserId user = UserId.generate(random);
    private final UserId member = UserId.generate(random);
    private final ProjectId project = ProjectId.generate(random);
    private OAuthClient.Registration registration;
    private OAuthClient.Registration other;
    private ApiKey.Issued apiKey;
    private String jti;

    @BeforeEach
    void setUp() {
        registration = OAuthClient.register(workspace, "CI pipeline", ScopeSet.of("*"), ProjectAccess.all(), AT, random);
        other = OAuthClient.register(workspace, "other", ScopeSet.of("*"), ProjectAccess.all(), AT, random);
        apiKey = ApiKey.issue(user, AT, random);
        jti = Base62.random(random, 22);
    }

    /** One event of every type of the closed family; a new type must be added here. */
    private List<AuditEvent> oneOfEachType() {
        OAuthClient client = registration.client();
        return List.of(
                new AuditEvent.WorkspaceBootstrapped(workspace, user, AT),
                new AuditEvent.OAuthClientCreated(workspace, user, client.id(), client.clientId(), client.name(), AT),
                new AuditEvent.ClientAuthenticationFailures(workspace, client.clientId(), 5, MINUTE, AT),
                new AuditEvent.ApiKeyRevoked(workspace, user, AT),
                new AuditEvent.AccessTokenRevoked(workspace, other.client().clientId(), client.clientId(), jti, AT),
                new AuditEvent.OAuthClientChanged(workspace, user, "203.0.113.7", "secret_rotated", client.clientId(),
                        "grace_period_seconds=0 revoke_tokens=true", AT),
                new AuditEvent.ProjectChanged(workspace, other.client().clientId(), "deleted", project.value(), AT),
                new AuditEvent.MemberChanged(workspace, user, "2001:db8::1", "removed", member, "none", AT));
    }

    @Test
    void everyTypeHasItsWireNameAndExpectedDetails() {
        OAuthClient client = registration.client();
        Map<String, Map<String, String>> expected = Map.of(
                "workspace.bootstrapped", Map.of("owner", user.value()),
                "oauth_client.created", Map.of("actor", user.value(), "source_ip", "unknown", "client_record_id", client.id().value(),
                        "client_id", client.clientId().value(), "name", "CI pipeline"),
                "oauth_client.authentication_failed", Map.of("client_id", client.clientId().value(), "count", "5",
                        "window_start", "2024-05-01T10:15:00Z"),
                "api_key.revoked", Map.of("user_id", user.value()),
                "access_token.revoked", Map.of("revoked_by", other.client().clientId().value(),
                        "client_id", client.clientId().value(), "jti", jti),
                "oauth_client.secret_rotated", Map.of("actor", user.value(), "source_ip", "203.0.113.7",
                        "client_id", client.clientId().value(), "note", "grace_period_seconds=0 revoke_tokens=true"),
                "project.deleted", Map.of("actor", other.client().clientId().value(), "source_ip", "unknown",
                        "project_id", project.value()),
                "member.removed", Map.of("actor", user.value(), "source_ip", "2001:db8::1", "user_id", member.value(),
                        "role", "none"));

        List<AuditEvent> events = oneOfEachType();

        assertThat(events).extracting(AuditEvent::type).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (AuditEvent event : events) {
            assertThat(event.details()).as(event.type()).isEqualTo(expected.get(event.type()));
        }
    }

    @Test
    void detailsNeverCarryASecret() {
        Set<String> secrets = Set.of(
                registration.secret().value(), registration.client().secretHash().hex(),
                other.secret().value(), other.client().secretHash().hex(),
                apiKey.plaintext().value(), apiKey.key().hash().hex());

        for (AuditEvent event : oneOfEachType()) {
            for (Map.Entry<String, String> detail : event.details().entrySet()) {
                assertThat(detail.getKey()).as(event.type()).doesNotContainIgnoringCase("secret")
                        .doesNotContainIgnoringCase("password").doesNotContainIgnoringCase("hash");
                assertThat(detail.getValue()).as(event.type() + " " + detail.getKey())
                        .doesNotStartWith(CredentialKind.CLIENT_SECRET.prefix())
                        .doesNotStartWith(CredentialKind.API_KEY.prefix());
                for (String secret : secrets) {
                    assertThat(detail.getValue()).as(event.type() + " " + detail.getKey()).doesNotContain(secret);
                }
            }
        }
    }

    @Test
    void detailsCannotBeChanged() {
        for (AuditEvent event : oneOfEachType()) {
            assertThatThrownBy(() -> event.details().put("injected", "x")).as(event.type())
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void everyEventKeepsItsWorkspaceAndTime() {
        assertThat(oneOfEachType()).allSatisfy(event -> {
            assertThat(event.workspaceId()).isEqualTo(workspace);
            assertThat(event.at()).isEqualTo(AT);
        });
    }

    @Test
    void authenticationFailuresCountAtLeastOne() {
        assertThatThrownBy(() -> new AuditEvent.ClientAuthenticationFailures(workspace, registration.client().clientId(), 0,
                MINUTE, AT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditEvent.ClientAuthenticationFailures(workspace, registration.client().clientId(), -1,
                MINUTE, AT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingFieldsAreRejected() {
        assertThatThrownBy(() -> new AuditEvent.ApiKeyRevoked(null, user, AT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AuditEvent.ApiKeyRevoked(workspace, null, AT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AuditEvent.AccessTokenRevoked(workspace, registration.client().clientId(),
                registration.client().clientId(), null, AT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AuditEvent.ClientAuthenticationFailures(workspace, null, 1, MINUTE, AT))
                .isInstanceOf(NullPointerException.class);
    }
}
