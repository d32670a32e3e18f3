/** Browser tests of the dashboard: Selenium driving Debian's headless chromium against the real server. */
package tower.server.ui;
