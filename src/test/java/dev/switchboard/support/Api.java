package dev.switchboard.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to the running server over real HTTP, as an API client would. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** An answer: status, headers and the JSON body (null when the body is empty or not JSON). */
    public record Reply(int status, java.net.http.HttpHeaders headers, String body) {
        public JsonNode json() {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        }

        public long id() {
            return json().get("id").asLong();
        }

        public String text(String field) {
            JsonNode node = json().get(field);
            return node == null || node.isNull() ? null : node.asString();
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final String base;
    private final String authorization;
    private final Map<String, String> extraHeaders;

    private Api(String base, String authorization, Map<String, String> extraHeaders) {
        this.base = base;
        this.authorization = authorization;
        this.extraHeaders = extraHeaders;
    }

    public static Api anonymous(int port) {
        return new Api("http://127.0.0.1:" + port, null, Map.of());
    }

    public Api basic(String email, String password) {
        String credentials = Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Api(base, "Basic " + credentials, extraHeaders);
    }

    public Api bearer(String token) {
        return new Api(base, "Bearer " + token, extraHeaders);
    }

    public Api header(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put(name, value);
        return new Api(base, authorization, headers);
    }

    public Reply get(String path) {
        return send("GET", path, null, "application/json");
    }

    public Reply post(String path, Object body) {
        return send("POST", path, body, "application/json");
    }

    public Reply patch(String path, Object body) {
        return send("PATCH", path, body, "application/json");
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, "application/json");
    }

    /** Sends a body as it is (a String is sent raw, anything else as JSON). */
    public Reply send(String method, String path, Object body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "application/json, application/problem+json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        extraHeaders.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
