// Tailwind CSS v4 runs as a PostCSS plugin; its configuration lives in app/globals.css (CSS-first).
const config = {
  plugins: {
    '@tailwindcss/postcss': {},
  },
};

export default config;
