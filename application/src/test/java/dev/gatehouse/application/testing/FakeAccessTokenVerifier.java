package dev.gatehouse.application.testing;

import dev.gatehouse.application.token.port.out.AccessTokenVerifier;
import dev.gatehouse.domain.token.AccessTokenClaims;

/**
 * Accepts exactly the tokens its {@link FakeAccessTokenSigner} handed out, whatever their times (the caller
 * checks those), and refuses anything else as forged.
 */
public final class FakeAccessTokenVerifier implements AccessTokenVerifier {

    private final FakeAccessTokenSigner signer;

    public FakeAccessTokenVerifier(FakeAccessTokenSigner signer) {
        this.signer = signer;
    }

    @Override
    public AccessTokenClaims verify(String token) {
        return signer.claimsOf(token)
                .orElseThrow(() -> new InvalidAccessTokenException("the access token's signature does not verify"));
    }
}
