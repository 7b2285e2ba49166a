package org.starttlslist.release;

import java.nio.charset.StandardCharsets;

/**
 * The {@code .gitattributes} every list repository the tool creates ships with. A signature covers
 * exact bytes, so a clone with {@code core.autocrlf} (or any text conversion) must never rewrite
 * the published list, its signature or the pinned keys in its working tree. (Release, publish and
 * status read the committed blobs and do not depend on it; people, gpg and other tools read files.)
 */
public final class ListGitAttributes {
    public static final String FILE_NAME = ".gitattributes";

    public static final String TEXT =
            """
            # A signature covers exact bytes: never convert the published list, its signature or the keys.
            release/policy.json -text
            release/policy.json.asc -text
            release/keys/** -text
            """;

    private ListGitAttributes() {}

    public static byte[] bytes() {
        return TEXT.getBytes(StandardCharsets.UTF_8);
    }
}
