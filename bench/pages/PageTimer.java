import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs in like a browser (form and CSRF token) and times each page: a warm-up, then sequential requests
 * on one keep-alive connection over loopback, so the time is the server's (render plus queries).
 *
 * <pre>java PageTimer &lt;base url&gt; &lt;email&gt; &lt;password&gt; &lt;requests per page&gt; &lt;path&gt;...</pre>
 */
public class PageTimer {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int requests = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        String login = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the sign-in page");
        }
        String form = "username=" + URLEncoder.encode(args[1], StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(args[2], StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("sign-in failed: " + signedIn.statusCode());
        }
        // A server that has run for a while has compiled its hot code: warm the JIT on all pages together first
        // (30 s), so the first page timed is not the one that pays for compilation.
        long warmUntil = System.nanoTime() + 30_000_000_000L;
        int warmRequests = 0;
        while (System.nanoTime() < warmUntil) {
            for (int p = 4; p < args.length; p++) {
                http.send(HttpRequest.newBuilder(URI.create(base + args[p])).header("Accept", "text/html").build(),
                        HttpResponse.BodyHandlers.discarding());
                warmRequests++;
            }
        }
        System.out.println("warm-up: " + warmRequests + " requests over all pages in 30 s");
        System.out.printf("%-52s %8s %8s %8s %8s %9s%n", "page", "p50 ms", "p95 ms", "p99 ms", "max ms", "bytes");
        for (int p = 4; p < args.length; p++) {
            String path = args[p];
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").build();
            int size = 0;
            for (int i = 0; i < Math.max(20, requests / 5); i++) {
                HttpResponse<String> warm = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (warm.statusCode() != 200) {
                    throw new IllegalStateException(path + " answered " + warm.statusCode());
                }
                size = warm.body().length();
            }
            long[] nanos = new long[requests];
            for (int i = 0; i < requests; i++) {
                long t0 = System.nanoTime();
                http.send(request, HttpResponse.BodyHandlers.ofString());
                nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            System.out.printf("%-52s %8.1f %8.1f %8.1f %8.1f %9d%n", path, ms(nanos, 0.50), ms(nanos, 0.95), ms(nanos, 0.99),
                    nanos[nanos.length - 1] / 1e6, size);
        }
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
