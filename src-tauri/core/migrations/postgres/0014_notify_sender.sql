-- Live between desks: the notice names the Loket that saved (its session's
-- application_name, unique per running Loket), so a window is not redrawn for its own
-- saves, which it already shows.
CREATE OR REPLACE FUNCTION loket_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('loket_changes',
                      TG_TABLE_NAME || ' ' || coalesce(current_setting('application_name', true), ''));
    RETURN NULL;
END
$$;
