package org.core20monitor.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** After signing in, only a page of this site: no open redirect to another. */
class SignInTest {

    @Test
    void nextPageStaysOnThisSite() {
        assertThat(SignIn.safeNext("/metric.html?metric=pifu_rate&icb=QWE")).isEqualTo("/metric.html?metric=pifu_rate&icb=QWE");
        assertThat(SignIn.safeNext("/")).isEqualTo("/");
        for (String away : new String[] {null, "", "https://evil.example/", "//evil.example/", "/\\evil.example",
                "evil.example", "javascript:alert(1)", "/ok\r\nSet-Cookie: x=y"}) {
            assertThat(SignIn.safeNext(away)).as(String.valueOf(away)).isEqualTo("/index.html");
        }
    }
}
