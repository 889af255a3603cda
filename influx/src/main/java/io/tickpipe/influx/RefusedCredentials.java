package io.tickpipe.influx;

/**
 * What InfluxDB's 401 and 403 mean to whoever reads the error: the credentials, or the user's
 * privileges, are wrong, not the server. Neither is worth another attempt: it would send the same
 * credentials again, since every client of the project reads them once, at its start.
 */
final class RefusedCredentials {

    private RefusedCredentials() {
    }

    static boolean is(int status) {
        return status == 401 || status == 403;
    }

    /** What to check, appended to the server's error text of a 401 or 403; empty for any other status. */
    static String hint(int status) {
        return switch (status) {
            case 401 -> " (InfluxDB refused the credentials: check the user, --influx-user or " + InfluxConfig.ENV_USER
                    + ", and its password, " + InfluxConfig.ENV_PASSWORD + " or --influx-password-file; or the token, "
                    + InfluxConfig.ENV_TOKEN + " or --influx-token-file)";
            case 403 -> " (InfluxDB knows the user, but it may not do this: grant it WRITE on the database to write,"
                    + " READ to query)";
            default -> "";
        };
    }
}
