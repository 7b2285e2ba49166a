/**
 * Settings files that stand in for command-line options ({@code /etc/starttls-list/mirror.conf}):
 * the file gives defaults, a flag on the command line overrides the same key.
 */
package org.starttlslist.settings;
