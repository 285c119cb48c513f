package io.apogee.console.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The front end, from the class path: {@code /} is the single page, {@code /static/…} its modules, styles and
 * bundles (in {@code io/apogee/console/web/}), {@code /webjars/…} the WebJars' files (uPlot). Files are read once
 * and kept; nothing outside these two class-path folders can be named ({@code ..} is refused).
 */
public final class StaticResources {

    private static final String WEB = "io/apogee/console/web/";
    private static final String WEBJARS = "META-INF/resources/webjars/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script type=\"importmap\">(.*?)</script>",
            Pattern.DOTALL);

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();
    private final ClassLoader loader = StaticResources.class.getClassLoader();

    /**
     * The content security policy's {@code script-src}: this origin, plus the hash of the page's inline import map
     * (the one inline script; browsers read import maps only inline).
     */
    public String scriptSources() {
        StringBuilder sources = new StringBuilder("'self'");
        Matcher map = INLINE_SCRIPT.matcher(new String(read(WEB + "index.html"), StandardCharsets.UTF_8));
        while (map.find()) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(map.group(1).getBytes(
                        StandardCharsets.UTF_8));
                sources.append(" 'sha256-").append(Base64.getEncoder().encodeToString(hash)).append('\'');
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return sources.toString();
    }

    /** The file for {@code path}, or {@code null} when it names none. */
    public Reply serve(String path) {
        String resource;
        if (path.equals("/") || path.equals("/index.html")) {
            resource = WEB + "index.html";
        } else if (path.startsWith("/static/")) {
            resource = WEB + path.substring("/static/".length());
        } else if (path.startsWith("/webjars/")) {
            resource = WEBJARS + path.substring("/webjars/".length());
        } else {
            return null;
        }
        if (resource.contains("..") || resource.endsWith("/")) {
            return null;
        }
        String type = TYPES.get(resource.substring(resource.lastIndexOf('.') + 1));
        if (type == null) {
            return null;
        }
        byte[] body = cache.computeIfAbsent(resource, this::read);
        if (body.length == 0) {
            cache.remove(resource);
            return null;
        }
        return Reply.bytes(200, type, body).header("Cache-Control", resource.endsWith("index.html") ? "no-cache"
                : "max-age=300");
    }

    private byte[] read(String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
