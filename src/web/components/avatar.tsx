import styles from './person-list.module.css';

function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '');
  return letters.join('') || '?';
}

/** Initials in a disc: people have no photos here (nothing to upload, nothing to leak). */
export function Avatar({ name, size = 'md' }: { name: string; size?: 'sm' | 'md' }) {
  return (
    <span className={`${styles.avatar} ${size === 'sm' ? styles.avatarSm : ''}`} aria-hidden="true">
      {initials(name)}
    </span>
  );
}
