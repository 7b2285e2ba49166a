package org.starttlslist.remote;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * git's smart HTTP ({@code git http-backend}) behind nginx and fcgiwrap, over TLS with a test CA
 * and HTTP basic auth, on 127.0.0.1, all from files in a temporary directory. Two users: the
 * maintainer may push, the reader may only fetch (a push gets 403, as on a hosting service).
 */
// "try": close() may throw InterruptedException (it waits for the server to stop); tests close it
// with try-with-resources and let that propagate.
@SuppressWarnings("try")
final class TestGitHttpsServer implements AutoCloseable {
    static final String NGINX = "/usr/sbin/nginx";
    static final String FCGIWRAP = "/usr/sbin/fcgiwrap";
    static final String BACKEND = "/usr/lib/git-core/git-http-backend";

    final Path dir;
    final Path repos;
    final Path caFile;
    final int port;
    private final Process fcgiwrap;

    private TestGitHttpsServer(Path dir, Path repos, Path caFile, int port, Process fcgiwrap) {
        this.dir = dir;
        this.repos = repos;
        this.caFile = caFile;
        this.port = port;
        this.fcgiwrap = fcgiwrap;
    }

    static TestGitHttpsServer start(Path dir, String maintainerToken, String readerToken)
            throws Exception {
        assumeTrue(
                Programs.installed(NGINX),
                "nginx is not installed (apt-get install nginx-light); .ci/run installs it");
        assumeTrue(Programs.installed(FCGIWRAP), "fcgiwrap is not installed; .ci/run installs it");
        assumeTrue(Programs.installed(BACKEND), "git http-backend is not installed (git)");
        assumeTrue(Programs.installed("/usr/bin/openssl"), "openssl is not installed");
        Files.createDirectories(dir.resolve("tmp"));
        Path repos = Files.createDirectories(dir.resolve("repos"));
        String openssl = "/usr/bin/openssl";
        Programs.run(
                dir,
                openssl,
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "2",
                "-subj",
                "/CN=starttls-list test CA");
        Programs.run(
                dir,
                openssl,
                "req",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                "server.key",
                "-out",
                "server.csr",
                "-subj",
                "/CN=127.0.0.1");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        Programs.run(
                dir,
                openssl,
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "server.pem",
                "-days",
                "2",
                "-extfile",
                "san.ext");
        String maintainerHash =
                Programs.run(dir, openssl, "passwd", "-apr1", maintainerToken).trim();
        String readerHash = Programs.run(dir, openssl, "passwd", "-apr1", readerToken).trim();
        // x-access-token is the user name GitHub gives its tokens.
        Files.writeString(
                dir.resolve("htpasswd"),
                "maintainer:"
                        + maintainerHash
                        + "\nx-access-token:"
                        + maintainerHash
                        + "\nreader:"
                        + readerHash
                        + "\n");

        Path socket = dir.resolve("fcgi.sock");
        Process fcgiwrap =
                new ProcessBuilder(FCGIWRAP, "-s", "unix:" + socket)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("fcgiwrap.log").toFile())
                        .start();
        awaitSocket(socket, fcgiwrap);

        int port = Programs.freePort();
        String root = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        Files.writeString(
                dir.resolve("nginx.conf"),
                root
                        + """
                daemon on;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 64; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/tmp/body;
                  fastcgi_temp_path %1$s/tmp/fastcgi;
                  proxy_temp_path %1$s/tmp/proxy;
                  uwsgi_temp_path %1$s/tmp/uwsgi;
                  scgi_temp_path %1$s/tmp/scgi;
                  client_max_body_size 0;
                  server {
                    listen 127.0.0.1:%2$d ssl;
                    ssl_certificate %1$s/server.pem;
                    ssl_certificate_key %1$s/server.key;
                    location ~ ^/git(?<gitpath>/.*)$ {
                      # The reader may fetch, never push: 403 as a hosting service answers.
                      # (A named capture: the regex "if" below would reset $1.)
                      set $deny "";
                      if ($remote_user = reader) { set $deny "r"; }
                      if ($arg_service = git-receive-pack) { set $deny "${deny}p"; }
                      if ($uri ~ git-receive-pack$) { set $deny "${deny}p"; }
                      if ($deny = rp) { return 403; }
                      auth_basic "git";
                      auth_basic_user_file %1$s/htpasswd;
                      fastcgi_pass unix:%1$s/fcgi.sock;
                      fastcgi_param SCRIPT_FILENAME %3$s;
                      fastcgi_param GIT_PROJECT_ROOT %1$s/repos;
                      fastcgi_param GIT_HTTP_EXPORT_ALL "";
                      fastcgi_param GIT_CONFIG_NOSYSTEM 1;
                      fastcgi_param HOME %1$s;
                      fastcgi_param PATH_INFO $gitpath;
                      fastcgi_param REMOTE_USER $remote_user;
                      fastcgi_param QUERY_STRING $query_string;
                      fastcgi_param REQUEST_METHOD $request_method;
                      fastcgi_param CONTENT_TYPE $content_type;
                      fastcgi_param CONTENT_LENGTH $content_length;
                      fastcgi_param HTTP_CONTENT_ENCODING $http_content_encoding;
                      fastcgi_param GIT_PROTOCOL $http_git_protocol;
                    }
                  }
                }
                """
                                .formatted(dir, port, BACKEND));
        // nginx binds its port, then detaches: when this command returns, it is listening.
        Programs.run(
                dir,
                NGINX,
                "-p",
                dir.toString(),
                "-e",
                dir.resolve("error.log").toString(),
                "-c",
                dir.resolve("nginx.conf").toString());
        return new TestGitHttpsServer(dir, repos, dir.resolve("ca.pem"), port, fcgiwrap);
    }

    /** fcgiwrap has no "ready" signal: connect until it accepts, a bounded number of times. */
    private static void awaitSocket(Path socket, Process process) throws IOException {
        for (int attempt = 0; attempt < 500; attempt++) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "fcgiwrap exited: "
                                + Files.readString(socket.resolveSibling("fcgiwrap.log")));
            }
            if (Files.exists(socket)) {
                try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    channel.connect(UnixDomainSocketAddress.of(socket));
                    return;
                } catch (IOException e) {
                    // bound but not yet listening
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        throw new IllegalStateException("fcgiwrap did not listen on " + socket);
    }

    Path bareRepository(String name) throws IOException, InterruptedException {
        Path repo = repos.resolve(name);
        Programs.run(
                repos,
                "/usr/bin/git",
                "init",
                "-q",
                "--bare",
                "--initial-branch=main",
                repo.toString());
        Programs.run(repo, "/usr/bin/git", "config", "http.receivepack", "true");
        return repo;
    }

    String url(Path bare) {
        return "https://127.0.0.1:" + port + "/git/" + repos.relativize(bare);
    }

    @Override
    public void close() throws Exception {
        try {
            Programs.run(
                    dir,
                    NGINX,
                    "-p",
                    dir.toString(),
                    "-e",
                    dir.resolve("error.log").toString(),
                    "-c",
                    dir.resolve("nginx.conf").toString(),
                    "-s",
                    "stop");
        } finally {
            // One fcgiwrap process (no -c: preforked workers would outlive it); its per-request
            // children too.
            fcgiwrap.descendants().forEach(ProcessHandle::destroy);
            fcgiwrap.destroy();
            if (!fcgiwrap.waitFor(10, TimeUnit.SECONDS)) {
                fcgiwrap.destroyForcibly().waitFor();
            }
        }
    }
}
