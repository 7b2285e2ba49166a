/**
 * What a scheduled run does besides mirroring: keep the MTA's table in step with the installed list
 * ({@link org.starttlslist.schedule.TableRefresh}) and the units and cron line that run it.
 */
package org.starttlslist.schedule;
