package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.adapter.in.http.common.RateLimits;
import dev.gatehouse.adapter.in.http.edge.RequestLimits;
import dev.gatehouse.adapter.out.jose.RsaSigners;
import dev.gatehouse.bootstrap.logging.LogFormat;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The hardening flags of {@code serve} reach {@link ServerConfig}, and bad values are refused with a message. */
class ServeCommandLimitsTest {

    private static ServeCommand parse(String... args) {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void withoutFlagsTheDefaultsOfTheContractApply() {
        ServerConfig config = parse().config();

        assertThat(config.rateLimits()).isEqualTo(RateLimits.defaults());
        assertThat(config.requestLimits()).isEqualTo(RequestLimits.defaults());
        assertThat(config.corsOrigins()).isEmpty();
        assertThat(config.trustedProxies()).isEmpty();
        assertThat(config.signatureProvider()).isEqualTo(RsaSigners.Choice.AUTO);
    }

    @Test
    void theSignatureProviderIsAFlag() {
        assertThat(parse("--signature-provider", "jdk").config().signatureProvider()).isEqualTo(RsaSigners.Choice.JDK);
        assertThat(parse("--signature-provider", "Conscrypt").config().signatureProvider()).isEqualTo(RsaSigners.Choice.CONSCRYPT);
        assertThat(parse("--signature-provider", "auto").config().signatureProvider()).isEqualTo(RsaSigners.Choice.AUTO);
        assertThat(ServerConfig.defaults("127.0.0.1", 0, "jdbc:h2:mem:x").withSignatureProvider(RsaSigners.Choice.JDK)
                .signatureProvider()).isEqualTo(RsaSigners.Choice.JDK);
    }

    @Test
    void everyLimitIsAFlag() {
        ServeCommand command = parse("--rate-limit-client-auth-failures", "7", "--rate-limit-token-requests", "8",
                "--rate-limit-bearer-failures", "9", "--rate-limit-console-signin-failures", "3",
                "--rate-limit-oauth-requests-per-ip", "100", "--rate-limit-client-auth-failures-per-ip", "11",
                "--max-body-bytes", "4096", "--max-header-bytes", "8192", "--idle-timeout", "40", "--header-timeout", "5",
                "--sse-max-streams-per-principal", "4", "--cors-origins", "https://a.example.com, http://localhost:3000",
                "--trusted-proxies", "10.0.0.0/8,192.0.2.1", "--log-format", "JSON");
        ServerConfig config = command.config();

        assertThat(config.rateLimits()).isEqualTo(new RateLimits(7, 8, 9, 3, 100, 11));
        assertThat(config.requestLimits()).isEqualTo(new RequestLimits(4096, 8192, Duration.ofSeconds(40), Duration.ofSeconds(5), 4));
        assertThat(config.corsOrigins()).containsExactly("https://a.example.com", "http://localhost:3000");
        assertThat(config.trustedProxies()).containsExactly("10.0.0.0/8", "192.0.2.1");
        assertThat(command.logFormat()).isEqualTo(LogFormat.JSON);
    }

    @Test
    void badValuesAreRefusedWithTheFlagNamed() {
        List<String[]> bad = List.of(
                new String[] {"--rate-limit-token-requests", "0"},
                new String[] {"--max-body-bytes", "10"},
                new String[] {"--idle-timeout", "10", "--sse-heartbeat", "15"},
                new String[] {"--cors-origins", "https://a.example.com/path"},
                new String[] {"--trusted-proxies", "proxy.internal"},
                new String[] {"--log-format", "xml"},
                new String[] {"--signature-provider", "openssl"});
        for (String[] args : bad) {
            assertThatThrownBy(() -> parse(args).config()).as(String.join(" ", args))
                    .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining(args[0]);
        }
    }
}
