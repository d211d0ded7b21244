-- On the office server this step names the saving Loket in its change notices. One PC has
-- no other desks to tell: nothing changes here; the step keeps both stores' numbers equal.
SELECT 1;
