package io.tickpipe.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The readiness probes' HTTP calls: short timeouts, only the status code matters. */
final class Http {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private Http() {
    }

    static int get(String url) throws IOException, InterruptedException {
        return send(request(url).GET());
    }

    /** A form POST; the body, not the URL, so that what it carries (a password) is in no access log. */
    static int postForm(String url, String form, Optional<String> authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        authorization.ifPresent(value -> request.header("Authorization", value));
        return send(request);
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
    }

    private static int send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
