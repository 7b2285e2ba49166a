package org.starttlslist.mirror;

/**
 * The units that run a mirror every 6 hours with a random delay (so mirrors do not all hit the
 * source at once), well inside the 48 hours a mirror may go without refreshing. Exit code 4
 * ("stale") fails the unit / makes cron mail its output, so a person hears about it.
 */
public final class Schedule {
    private Schedule() {}

    /** The systemd service, timer and cron line for this mirror command. */
    public static String text(String mirrorCommand, String directory, String keys) {
        return """
                # --- /etc/systemd/system/starttls-list-mirror.service
                [Unit]
                Description=Fetch, verify and install the STARTTLS policy list
                Wants=network-online.target
                After=network-online.target

                [Service]
                Type=oneshot
                # Exit 0 installed or already current; 1 rejected; 3 could not fetch; 4 stale: ACTION REQUIRED.
                # Anything but 0 marks the unit failed: watch it with OnFailure= or your monitoring.
                ExecStart=%1$s
                # For a Postfix host, rebuild the table after every run, also when the list expired (export
                # then writes the fallback table and exits 1, so postmap must run regardless). Needs root for
                # 'postfix reload'. Uncomment and adjust:
                #ExecStopPost=/bin/sh -c '/usr/local/bin/starttls-list export postfix --list %2$s --keys %3$s --out /etc/postfix/starttls_policy; postmap hash:/etc/postfix/starttls_policy && postfix reload'

                # --- /etc/systemd/system/starttls-list-mirror.timer
                [Unit]
                Description=Refresh the STARTTLS policy list every 6 hours

                [Timer]
                OnCalendar=00/6:00
                RandomizedDelaySec=1h
                Persistent=true

                [Install]
                WantedBy=timers.target

                # Enable with: systemctl daemon-reload && systemctl enable --now starttls-list-mirror.timer

                # --- or, without systemd: /etc/cron.d/starttls-list-mirror
                # Every 6 hours, after a random delay of up to an hour; cron mails any output
                # (errors and ACTION REQUIRED) to MAILTO.
                MAILTO=root
                17 */6 * * * root sleep $(shuf -i 0-3599 -n 1) && %1$s >/dev/null
                """.formatted(mirrorCommand, directory, keys);
    }
}
