package io.tickpipe.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md lists every option of every command exactly as the code defines it. {@code make
 * docs} (this test with {@code -Dtickpipe.docs.update=true}) rewrites the generated part; otherwise
 * the test fails on any difference, so the page cannot drift from {@code --help}.
 */
class OperationsDocTest {

    private static final Path PAGE = Path.of(System.getProperty("tickpipe.root", ".."), "docs", "operations.md");

    @Test
    void theOptionReferenceIsWhatTheCommandsDefine() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        int begin = page.indexOf(OptionsReference.BEGIN);
        int end = page.indexOf(OptionsReference.END);
        assertThat(begin).as("the generated block's markers in " + PAGE).isNotNegative();
        assertThat(end).as("the generated block's markers in " + PAGE).isGreaterThan(begin);
        String generated = OptionsReference.render(Commands.all());
        String current = page.substring(begin, end + OptionsReference.END.length());
        if (Boolean.getBoolean("tickpipe.docs.update")) {
            Files.writeString(PAGE, page.replace(current, generated), StandardCharsets.UTF_8);
            return;
        }
        assertThat(current).as(PAGE + " is out of date: run `make docs`").isEqualTo(generated);
    }
}
