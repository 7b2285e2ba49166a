package org.starttlslist.mirror;

/** The exact bytes of a list and its detached signature as a source delivered them. */
public record ListPair(byte[] list, byte[] signature, String origin) {}
