package dev.gatehouse.bench.sas;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Spring Authorization Server with Spring Boot's defaults: one registered client (see application.yml)
 * with an unhashed {@code {noop}} secret and the client credentials grant, tokens signed with RS256 by the
 * RSA key that Boot generates at start-up.
 */
@SpringBootApplication
public class SasBaselineApplication {

    public static void main(String[] args) {
        SpringApplication.run(SasBaselineApplication.class, args);
    }

    /**
     * The default delegating encoder, except that it never upgrades a secret. Without this, the client
     * authentication provider re-encodes the {@code {noop}} secret with bcrypt after the first token
     * request, and every later request pays for a bcrypt comparison (tens of tokens per second).
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        PasswordEncoder delegate = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return delegate.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                return delegate.matches(raw, encoded);
            }

            @Override
            public boolean upgradeEncoding(String encoded) {
                return false;
            }
        };
    }
}
