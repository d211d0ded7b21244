-- Guest-book fixes after review: privacy of the card records, and answer targets kept.
--
-- 1. The deposit keeps which card was left (its number masked, as lists show it), so the
--    held list names the card even if the person's record is corrected later.
ALTER TABLE id_deposits ADD COLUMN card_number TEXT NOT NULL DEFAULT '';
UPDATE id_deposits
   SET card_number = (
       SELECT CASE
                WHEN length(p.id_number) <= 6 THEN substr('******', 1, length(p.id_number))
                ELSE substr(p.id_number, 1, 4)
                     || substr('**************************************************', 1, length(p.id_number) - 6)
                     || substr(p.id_number, -2)
              END
         FROM visits v JOIN people p ON p.id = v.person_id
        WHERE v.id = id_deposits.visit_id);

-- 2. Anonymisation must also blank who collected a card and why it was kept. A return is
--    still never rewritten otherwise: the only change allowed after it is blanking the
--    recipient's name, with the return time untouched.
DROP TRIGGER id_deposits_returned_once;
CREATE TRIGGER id_deposits_returned_once BEFORE UPDATE OF returned_at, returned_to ON id_deposits
WHEN OLD.returned_at IS NOT NULL
 AND NOT (NEW.returned_at IS OLD.returned_at AND NEW.returned_to = '')
BEGIN
    SELECT RAISE(ABORT, 'id card already returned');
END;

-- 3. An answer on the spot is judged against the target in force when it was given, so a
--    later change of the counter's target does not rewrite past results.
ALTER TABLE visits ADD COLUMN answer_target_minutes INTEGER CHECK (answer_target_minutes > 0);
UPDATE visits
   SET answer_target_minutes = (SELECT deadline_value FROM channels WHERE code = 'counter')
 WHERE outcome = 'answered';
