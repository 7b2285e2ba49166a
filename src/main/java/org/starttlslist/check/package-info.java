/**
 * The eligibility checker: live probes of a domain's DNS, mail servers and MTA-STS policy, giving a
 * {@link org.starttlslist.check.Verdict} and findings with stable {@link
 * org.starttlslist.check.FindingCode codes}. Entry point: {@link
 * org.starttlslist.check.DomainChecker}. It takes the instant to judge certificates at, never reads
 * the clock, never speaks first in SMTP, and never sends {@code MAIL FROM}.
 */
package org.starttlslist.check;
