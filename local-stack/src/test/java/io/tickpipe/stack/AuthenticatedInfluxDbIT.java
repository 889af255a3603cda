package io.tickpipe.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The stack's second InfluxDB serves its admin user, and nobody without the password. */
class AuthenticatedInfluxDbIT {

    private final AuthenticatedInfluxDb influx = TestStack.authenticatedInflux();
    private final String measurement = "quotes_" + UUID.randomUUID().toString().replace("-", "");

    @Test
    void the_admin_writes_and_reads_with_the_password_of_its_file() throws Exception {
        assertThat(influx.url()).matches("http://127\\.0\\.0\\.1:\\d+").isNotEqualTo(TestStack.shared().influxUrl());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(influx.adminPasswordFile()))).isEqualTo("rw-------");
        InfluxTestClient admin = new InfluxTestClient(influx.url(), influx.database(), influx.adminUser(), password());

        admin.write(measurement + ",symbol=ACME price=101.25 1700000000000000000");

        JsonNode rows = admin.rows("SELECT price FROM " + measurement);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get(1).asDouble()).isEqualTo(101.25);
    }

    @Test
    void without_credentials_or_with_a_wrong_password_nothing_is_written() throws Exception {
        HttpResponse<String> anonymous = new InfluxTestClient(influx.url(), influx.database())
                .tryWrite(measurement + " price=1 1700000000000000000");
        HttpResponse<String> wrong = new InfluxTestClient(influx.url(), influx.database(), influx.adminUser(), "wrong")
                .tryWrite(measurement + " price=2 1700000000000000000");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("authorization failed");
        InfluxTestClient admin = new InfluxTestClient(influx.url(), influx.database(), influx.adminUser(), password());
        assertThat(admin.rows("SELECT price FROM " + measurement)).isEmpty();
    }

    private String password() throws Exception {
        return Files.readString(influx.adminPasswordFile()).strip();
    }
}
