// The site's own analytics: loaded from the site, under its Content-Security-Policy.
document.documentElement.dataset.analytics = "on";
