package dev.switchboard.automation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.notification.OutboundChannel.DeliveryRefused;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which addresses webhooks may call: no way into the network Switchboard runs in, unless the operator allows it. */
class WebhookAddressesTest {

    private final WebhookAddresses none = new WebhookAddresses(List.of());

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://127.1.2.3:8080/x", "http://[::1]/", "http://0.0.0.0/",
            "http://[::]/", "http://10.0.0.5/", "http://172.16.4.4/", "http://172.31.255.255/", "http://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/", "http://100.127.255.254/",
            "http://[fc00::1]/", "http://[fd12:3456::1]/", "http://[fe80::1]/", "http://224.0.0.1/",
            "http://[ff02::1]/", "http://255.255.255.255/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:a9fe:a9fe]/",
            "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:0a00:0001::1]/", "http://[::10.0.0.1]/", "http://2130706433/"})
    void internalAddressesAreRefused(String url) {
        assertThat(none.problemWith(url)).as(url).isNotNull().contains("switchboard.webhooks.allowed-hosts");
        assertThatThrownBy(() -> none.forDelivery(url)).isInstanceOf(DeliveryRefused.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://8.8.8.8/hook", "https://1.1.1.1:8443/a?b=c", "http://[2001:4860:4860::8888]/",
            "http://172.32.0.1/", "http://100.128.0.1/", "http://11.0.0.1/"})
    void publicAddressesAreFine(String url) {
        assertThat(none.problemWith(url)).as(url).isNull();
    }

    @Test
    void onlyHttpAndHttpsWithAHostAndNoCredentials() {
        assertThat(none.problemWith("ftp://8.8.8.8/")).contains("https://");
        assertThat(none.problemWith("file:///etc/passwd")).contains("https://");
        assertThat(none.problemWith("gopher://8.8.8.8/")).contains("https://");
        assertThat(none.problemWith("http:///path")).contains("no host");
        assertThat(none.problemWith("http://user:secret@8.8.8.8/")).contains("no user name or password");
        assertThat(none.problemWith("http://exa mple.com/")).contains("not a URL");
        assertThat(none.problemWith("http://no-such-host.invalid/")).contains("does not resolve");
    }

    @Test
    void theOperatorCanAllowAHostAnAddressOrANetwork() {
        WebhookAddresses allowing = new WebhookAddresses(List.of("127.0.0.1", " 10.20.0.0/16 ", "[fd00::7]", "hooks.internal"));
        assertThat(allowing.problemWith("http://127.0.0.1:9000/")).isNull();
        assertThat(allowing.problemWith("http://127.0.0.2:9000/")).contains("loopback");
        assertThat(allowing.problemWith("http://10.20.30.40/")).isNull();
        assertThat(allowing.problemWith("http://10.21.0.1/")).contains("private");
        assertThat(allowing.problemWith("http://hooks.internal/x")).as("an allowed name is not even looked up").isNull();
        assertThat(allowing.problemWith("http://HOOKS.internal/x")).isNull();
    }
}
