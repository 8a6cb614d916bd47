import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button } from '../../components/button.tsx';
import styles from './hub.module.css';

/** The search box at the top of the home: it opens the search page within this community. */
export function HomeSearch({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const inputId = useId();
  const [query, setQuery] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams({ q: query.trim(), community: slug });
    void navigate(`/search?${params.toString()}`);
  };
  return (
    <search aria-label={t('hub.home.search')}>
      <form className={styles.search} onSubmit={submit}>
        <label htmlFor={inputId} className="visually-hidden">
          {t('hub.home.search')}
        </label>
        <input
          id={inputId}
          className={styles.searchInput}
          type="search"
          name="q"
          value={query}
          maxLength={200}
          placeholder={t('hub.home.search')}
          onChange={(event) => setQuery(event.target.value)}
        />
        <Button type="submit" variant="secondary">
          {t('hub.home.searchButton')}
        </Button>
      </form>
    </search>
  );
}
