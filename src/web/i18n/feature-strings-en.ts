/** Every feature's English strings (each `features/<f>/i18n/en.json`), merged at build time into one chunk. */
const catalogues = import.meta.glob<object>('../features/**/i18n/en.json', {
  eager: true,
  import: 'default',
});

export default Object.values(catalogues);
