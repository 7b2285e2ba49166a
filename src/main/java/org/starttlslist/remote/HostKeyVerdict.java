package org.starttlslist.remote;

import java.util.List;

/** Why an SSH host key was refused, with what is needed to tell the user how to proceed. */
record HostKeyVerdict(
        Kind kind,
        String host,
        int port,
        String keyType,
        String fingerprint,
        List<String> knownHostsFiles) {
    enum Kind {
        UNKNOWN,
        CHANGED
    }

    /** How known_hosts writes the host: bare on port 22, else {@code [host]:port}. */
    String knownHostsName() {
        return port == 22 || port <= 0 ? host : "[" + host + "]:" + port;
    }

    /** {@code " -p PORT"} for ssh-keyscan, or nothing on port 22. */
    String portOption() {
        return port == 22 || port <= 0 ? "" : " -p " + port;
    }
}
