package dev.gatehouse.bench.sas;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

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
}
