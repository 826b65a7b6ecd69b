package dev.switchboard.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-like HTTP session (cookies, CSRF tokens from forms), for page tests that need no rendering. */
public final class WebSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    public WebSession(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** The session's cookies, for another client that should act in the same session (a stream, say). */
    public CookieManager cookies() {
        return cookies;
    }

    public HttpResponse<String> get(String path) {
        return get(path, "text/html");
    }

    public HttpResponse<String> get(String path, String accept) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).GET());
    }

    /** Posts a form; {@code withCsrf} takes the token from the page at {@code formPage}, as a browser would. */
    public HttpResponse<String> post(String path, Map<String, String> fields, String formPage) {
        return post(path, fields, formPage, Map.of());
    }

    /** Posts a form with extra request headers (an htmx request sends {@code HX-Request: true}). */
    public HttpResponse<String> post(String path, Map<String, String> fields, String formPage, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (formPage != null) {
            Matcher token = CSRF.matcher(get(formPage).body());
            if (token.find()) {
                all.put("_csrf", token.group(1));
            }
        }
        String body = all.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    /**
     * Posts a form whose fields may repeat (rows of a rule or a macro), in this order, with the CSRF token from
     * {@code formPage}.
     */
    public HttpResponse<String> post(String path, java.util.List<Map.Entry<String, String>> fields, String formPage) {
        java.util.List<Map.Entry<String, String>> all = new java.util.ArrayList<>(fields);
        Matcher token = CSRF.matcher(get(formPage).body());
        if (token.find()) {
            all.add(Map.entry("_csrf", token.group(1)));
        }
        String body = all.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts one file as multipart/form-data, with the CSRF token from {@code formPage}, as a browser's upload would. */
    public HttpResponse<String> postFile(String path, String field, String filename, String contentType, byte[] content,
                                         String formPage) {
        String boundary = "----switchboard" + System.nanoTime();
        Matcher token = CSRF.matcher(get(formPage).body());
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        if (token.find()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token.group(1)
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    public HttpResponse<String> signIn(String email, String password) {
        return post("/login", Map.of("username", email, "password", password), "/login");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
