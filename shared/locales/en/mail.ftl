# Every email the portal sends, in English. Each message here exists in every language
# (a unit test fails otherwise) with the same variables.

## Invitation

invitation-subject = { $firm } invited you to its client portal
# Who is inviting: the staff member and the firm, or the firm alone.
invitation-from-staff = { $inviter } at { $firm }
invitation-from-firm = { $firm }
invitation-body =
    Hello { $name },

    { $who } has given you access to "{ $matter }" in the firm's client portal.

    The portal is a private place where you and { $firm } share documents, messages, bills and tasks for your matter; it never asks for a password.

    Open the portal:
    { $link }

    This link works once and expires in { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }. If it has expired, open the portal's address without the link and ask for a sign-in link with this email address, or ask { $firm } to send a new invitation. If you were not expecting this email, you can ignore it.

## Sign-in link

sign-in-subject = Your sign-in link for { $firm }
sign-in-body =
    Hello,

    Use this link to sign in to the { $firm } client portal:
    { $link }

    It works once and expires in { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }. If you did not ask for it, you can ignore this email.

## Digest: its subject, by what it holds

digest-subject-shared = { $firm } shared { $count ->
        [one] { $count } document
       *[other] { $count } documents
    } with you
digest-subject-bill = New bill from { $firm }
digest-subject-trust = New trust request from { $firm }
digest-subject-moved = Event moved: { $firm } client portal
digest-subject-due = { $count ->
        [one] Task due tomorrow
       *[other] { $count } tasks due tomorrow
    }: { $firm } client portal
digest-subject-bills = { $count } new bills and requests from { $firm }
digest-subject-messages = { $count ->
        [one] { $count } new message
       *[other] { $count } new messages
    } in the { $firm } client portal
digest-subject-uploads-on = { $count ->
        [one] { $count } new portal upload
       *[other] { $count } new portal uploads
    } on "{ $matter }"
digest-subject-uploads = { $count ->
        [one] { $count } new portal upload
       *[other] { $count } new portal uploads
    }
digest-subject-updates = { $count ->
        [one] { $count } portal update
       *[other] { $count } portal updates
    } from { $firm }

## Digest: its body

digest-hello = Hello { $name },
digest-intro = New in the { $firm } client portal:
digest-intro-daily = Your daily summary from the { $firm } client portal:
digest-see = See them in the portal:
digest-shared = shared with you: { $file }
digest-uploaded = { $who } uploaded "{ $file }"
digest-message = a new message from { $who } is waiting
digest-updated = { $file } was updated
digest-bill = new from { $firm }: { $what }
digest-bill-changed = changed: { $what }
digest-event = new event: { $what }
digest-event-moved = event moved: { $what }
digest-event-changed = event changed: { $what }
digest-event-cancelled = event cancelled: { $what }
digest-task = new task for you: { $what }
digest-task-due = task due tomorrow: { $what }
digest-task-done = { $who } completed the task: { $what }
digest-failed-scan = "{ $file }", uploaded by { $who }, failed a malware scan and was deleted
digest-failed-scan-firm = "{ $file }" failed a malware scan and was deleted

# What a bill, calendar event or task line names, and the dates and amounts in it.
digest-what-bill = Bill { $number }, { $amount } due { $due }
digest-what-trust = Trust request { $number }, { $amount } due { $due }
digest-what-event = { $title }, { $day } at { $time } ({ $zone })
digest-what-task = { $title }, due { $due }
digest-money = { $currency } { $amount }
digest-date =
    { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $day }, { $year }
