package org.starttlslist.model;

/** A domain's entry in the list: its own policy, or a reference to a shared alias. */
public sealed interface Policy permits InlinePolicy, AliasReference {}
