/** Every feature's French strings (each `features/<f>/i18n/fr.json`), merged at build time into one chunk. */
const catalogues = import.meta.glob<object>('../features/**/i18n/fr.json', {
  eager: true,
  import: 'default',
});

export default Object.values(catalogues);
