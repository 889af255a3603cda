package io.tickpipe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PeakRssTest {

    @Test
    void readsVmHwmFromAProcStatus() {
        String status = String.join("\n", "Name:\tjava", "VmPeak:\t 9048264 kB", "VmSize:\t 8983036 kB",
                "VmHWM:\t  612344 kB", "VmRSS:\t  598112 kB", "Threads:\t57", "");

        assertThat(PeakRss.parseKb(status)).isEqualTo(612_344);
    }

    @Test
    void aStatusWithoutVmHwmIsZero() {
        assertThat(PeakRss.parseKb("Name:\tkthreadd\nState:\tS (sleeping)\n")).isZero();
    }

    @Test
    void thisJvmsPeakIsAtLeastItsResidentMemoryNow() throws Exception {
        String status = Files.readString(Path.of("/proc/self/status"));
        Matcher rss = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(status);
        assertThat(rss.find()).as("VmRSS in /proc/self/status").isTrue();

        long peak = PeakRss.kb(ProcessHandle.current().pid());

        assertThat(peak).isGreaterThanOrEqualTo(Long.parseLong(rss.group(1))).isGreaterThan(0);
    }

    @Test
    void aProcessThatIsGoneIsZero() {
        assertThat(PeakRss.kb(Long.MAX_VALUE)).isZero();
    }
}
