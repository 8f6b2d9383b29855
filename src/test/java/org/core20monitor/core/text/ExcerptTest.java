package org.core20monitor.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExcerptTest {

    @Test
    void cutsAtTheLimitWithoutSplittingACharacter() {
        assertThat(Excerpt.of("abcdef", 4)).isEqualTo("abcd");
        assertThat(Excerpt.of("abc", 4)).isEqualTo("abc");
        assertThat(Excerpt.of(null, 4)).isNull();
        String smile = "\uD83D\uDE00"; // one character, two chars
        assertThat(Excerpt.of("abc" + smile + "d", 4)).as("not half a smile").isEqualTo("abc");
        assertThat(Excerpt.of("ab" + smile + "d", 4)).isEqualTo("ab" + smile);
        assertThat(Excerpt.quoted("abc" + smile + "d", 4)).isEqualTo("abc…");
        assertThat(Excerpt.quoted("abcd", 4)).isEqualTo("abcd");
    }
}
