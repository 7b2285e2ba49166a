package org.starttlslist.mirror;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.starttlslist.failure.Printable;
import org.starttlslist.files.InputTooLargeException;

/**
 * An HTTPS base URL serving {@code policy.json} and {@code policy.json.asc}.
 *
 * <p>Redirects are never followed by the client; we follow at most a few ourselves, and only within
 * the same scheme, host and port, so a compromised or misconfigured front end cannot send the
 * mirror elsewhere. Each file has one deadline for the whole exchange (headers and body), and its
 * byte cap is enforced while the body streams in: a server that sends too much, too slowly, or
 * nothing at all cannot keep a mirror busy.
 */
public final class HttpsSource implements ListSource {
    private final URI listUri;
    private final URI signatureUri;
    private final HttpsSettings settings;

    public HttpsSource(URI base, HttpsSettings settings) {
        String text = base.toString();
        if (text.endsWith(".json")) {
            this.listUri = base;
        } else {
            this.listUri =
                    URI.create(text.endsWith("/") ? text : text + "/").resolve(MirrorLayout.LIST);
        }
        this.signatureUri = URI.create(listUri + ".asc");
        this.settings = settings;
    }

    @Override
    public String describe() {
        return listUri.toString();
    }

    @Override
    public ListPair fetch(FetchLimits limits) {
        HttpClient client =
                HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(settings.connectTimeout())
                        .sslContext(settings.sslContext())
                        .build();
        byte[] list =
                get(
                        client,
                        listUri,
                        limits.maxListBytes(),
                        FetchLimits.optionFor(MirrorLayout.LIST));
        byte[] signature =
                get(
                        client,
                        signatureUri,
                        limits.maxSignatureBytes(),
                        FetchLimits.optionFor(MirrorLayout.SIGNATURE));
        return new ListPair(list, signature, listUri.toString());
    }

    private byte[] get(HttpClient client, URI start, long cap, String option) {
        URI uri = start;
        for (int redirects = 0; ; redirects++) {
            HttpResponse<byte[]> response = exchange(client, uri, cap, option);
            int status = response.statusCode();
            if (status == 200) {
                return response.body();
            }
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                URI target =
                        redirectTarget(
                                uri,
                                status,
                                response.headers()
                                        .firstValue("Location")
                                        .orElseThrow(
                                                () ->
                                                        new FetchFailedException(
                                                                start.toString(),
                                                                "HTTP "
                                                                        + status
                                                                        + " without a Location")));
                if (!sameOrigin(uri, target)) {
                    throw new RedirectRefusedException(uri, target);
                }
                if (redirects >= settings.maxRedirects()) {
                    throw new FetchFailedException(
                            start.toString(),
                            "more than " + settings.maxRedirects() + " redirects");
                }
                uri = target;
                continue;
            }
            throw new FetchFailedException(
                    uri.toString(),
                    "HTTP "
                            + status
                            + (status == 404
                                    ? "; the source must serve "
                                            + uri.getPath()
                                                    .substring(uri.getPath().lastIndexOf('/') + 1)
                                    : ""));
        }
    }

    /** The redirect's target; a Location that is not a URI is the server's fault, not ours. */
    private static URI redirectTarget(URI uri, int status, String location) {
        try {
            return uri.resolve(new URI(location.trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new FetchFailedException(
                    uri.toString(),
                    "HTTP "
                            + status
                            + " with a malformed Location header '"
                            + Printable.escape(location)
                            + "'; the server is misconfigured");
        }
    }

    private HttpResponse<byte[]> exchange(HttpClient client, URI uri, long cap, String option) {
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .timeout(settings.requestTimeout())
                        .header("User-Agent", "starttls-list-mirror")
                        .GET()
                        .build();
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(
                        request,
                        info -> {
                            if (info.statusCode() != 200) {
                                return new CappedBody(uri.toString(), 0, option, true);
                            }
                            long declared;
                            try {
                                declared =
                                        info.headers()
                                                .firstValueAsLong("Content-Length")
                                                .orElse(-1);
                            } catch (NumberFormatException e) {
                                declared = -1; // the streamed count still enforces the cap
                            }
                            CappedBody body = new CappedBody(uri.toString(), cap, option, false);
                            if (declared > cap) {
                                body.fail(new InputTooLargeException(uri.toString(), cap, option));
                            }
                            return body;
                        });
        try {
            return future.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new FetchFailedException(
                    uri.toString(),
                    "no complete response within "
                            + settings.requestTimeout().toSeconds()
                            + " s; the server hangs or is too slow");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchFailedException(uri.toString(), "interrupted");
        } catch (ExecutionException e) {
            throw translate(uri, e.getCause());
        }
    }

    private static RuntimeException translate(URI uri, Throwable cause) {
        if (cause instanceof InputTooLargeException tooLarge) {
            return tooLarge;
        }
        if (cause instanceof HttpTimeoutException) {
            return new FetchFailedException(
                    uri.toString(), "timed out: " + cause.getMessage(), cause);
        }
        if (cause instanceof ConnectException) {
            return new FetchFailedException(
                    uri.toString(), "cannot connect: " + message(cause), cause);
        }
        if (cause instanceof SSLException) {
            return new FetchFailedException(
                    uri.toString(),
                    "TLS failed (is the server's certificate trusted?): " + message(cause),
                    cause);
        }
        if (cause instanceof IOException) {
            // e.g. "fixed content-length: 100, bytes received: 40" for a truncated download.
            return new FetchFailedException(
                    uri.toString(), "download failed: " + message(cause), cause);
        }
        return new FetchFailedException(uri.toString(), String.valueOf(cause), cause);
    }

    private static String message(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    static boolean sameOrigin(URI a, URI b) {
        return "https".equalsIgnoreCase(b.getScheme())
                && a.getHost() != null
                && b.getHost() != null
                && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() == -1 ? 443 : uri.getPort();
    }

    /** Collects a body up to {@code cap} bytes; one byte more cancels the download. */
    static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final String where;
        private final long cap;
        private final String option;
        private final boolean discard;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;
        private long count;
        private RuntimeException failure;

        CappedBody(String where, long cap, String option, boolean discard) {
            this.where = where;
            this.cap = cap;
            this.option = option;
            this.discard = discard;
        }

        void fail(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (failure != null) {
                subscription.cancel();
                result.completeExceptionally(failure);
            } else if (discard) {
                // Status and headers are all we need; do not read an error page of any size.
                subscription.cancel();
                result.complete(new byte[0]);
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                count += item.remaining();
                if (count > cap) {
                    subscription.cancel();
                    result.completeExceptionally(new InputTooLargeException(where, cap, option));
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
