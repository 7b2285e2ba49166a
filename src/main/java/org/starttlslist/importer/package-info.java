/**
 * {@code import}: turns a published list (ours or the predecessor's, any date form it used) into
 * one source file per domain and per alias, normalising names and reporting every change, and
 * installing the files all at once or not at all.
 */
package org.starttlslist.importer;
