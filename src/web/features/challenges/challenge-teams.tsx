import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChallengeDto, TeamDto } from '../../../contract/challenge.ts';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { Meter } from '../../components/meter.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useMyTeam } from './challenge-api.ts';
import styles from './challenges.module.css';

/** A team's name as shown: its own, or "Équipe 2" for the numbered ones opened on joining. */
export function useTeamName() {
  const { t } = useTranslation();
  return (team: TeamDto) => team.name || t('challenges.teams.numbered', { number: team.number });
}

function TeamItem({
  challenge,
  team,
  onJoin,
  isPending,
}: {
  challenge: ChallengeDto;
  team: TeamDto;
  onJoin: (teamId: string) => void;
  isPending: boolean;
}) {
  const { t } = useTranslation();
  const teamName = useTeamName();
  const name = teamName(team);
  const isMine = challenge.myTeamId === team.id;
  const isFull = team.capacity !== null && team.memberCount >= team.capacity;
  return (
    <li className={styles.team}>
      <div className={styles.teamHead}>
        <h4 className={styles.teamName}>{name}</h4>
        {isMine ? <Badge tone="success">{t('challenges.teams.mine')}</Badge> : null}
        {isFull && !isMine ? <Badge>{t('challenges.teams.full')}</Badge> : null}
      </div>
      {team.capacity === null ? (
        <p className={styles.muted}>{t('challenges.teams.count', { count: team.memberCount })}</p>
      ) : (
        <Meter
          label={t('challenges.teams.meter')}
          value={team.memberCount}
          maxValue={team.capacity}
          valueLabel={t('challenges.teams.capacity', { taken: team.memberCount, capacity: team.capacity })}
        />
      )}
      {team.members && team.members.length > 0 ? (
        <p className={styles.names}>{team.members.map((person) => person.name).join(', ')}</p>
      ) : null}
      {challenge.abilities.takePart && !isMine && !isFull ? (
        <Button
          variant="secondary"
          size="sm"
          isPending={isPending}
          aria-label={t('challenges.teams.joinThis', { team: name })}
          onClick={() => onJoin(team.id)}
        >
          {t('challenges.teams.join')}
        </Button>
      ) : null}
    </li>
  );
}

/** The teams of a challenge with their places, and joining, moving or leaving for the reader. */
export function ChallengeTeams({ challenge, isSignedIn }: { challenge: ChallengeDto; isSignedIn: boolean }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const teamName = useTeamName();
  const myTeam = useMyTeam(challenge.eventId, challenge.id);
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const change = (teamId: string | undefined | null) =>
    myTeam.mutate(teamId, {
      onSuccess: (after) => {
        const team = after.teams.find((row) => row.id === after.myTeamId);
        setMessage({
          tone: 'success',
          text: team ? t('challenges.teams.joined', { team: teamName(team) }) : t('challenges.teams.left'),
        });
      },
      onError: (error) => setMessage({ tone: 'danger', text: errorMessage(error) }),
    });
  const someHidden = challenge.teams.some((team) => team.members === null && team.memberCount > 0);
  return (
    <div className={styles.block}>
      <h4 className={styles.blockTitle}>{t('challenges.teams.title')}</h4>
      {challenge.teams.length === 0 ? (
        <p className={styles.muted}>{t('challenges.teams.none')}</p>
      ) : (
        <ul className={styles.teams}>
          {challenge.teams.map((team) => (
            <TeamItem
              key={team.id}
              challenge={challenge}
              team={team}
              onJoin={(teamId) => change(teamId)}
              isPending={myTeam.isPending}
            />
          ))}
        </ul>
      )}
      {someHidden ? <p className={styles.muted}>{t('challenges.teams.membersHidden')}</p> : null}
      <div className={styles.row}>
        {challenge.abilities.takePart && challenge.myTeamId === null ? (
          <>
            <Button isPending={myTeam.isPending} onClick={() => change(undefined)}>
              {t('challenges.teams.joinAny')}
            </Button>
            <span className={styles.muted}>{t('challenges.teams.joinAnyHint')}</span>
          </>
        ) : null}
        {challenge.myTeamId !== null ? (
          <Button variant="secondary" isPending={myTeam.isPending} onClick={() => change(null)}>
            {t('challenges.teams.leave')}
          </Button>
        ) : null}
        {!isSignedIn ? <span className={styles.muted}>{t('challenges.teams.signInToJoin')}</span> : null}
      </div>
      <FormStatus message={message} />
    </div>
  );
}
