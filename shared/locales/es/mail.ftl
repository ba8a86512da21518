# Todos los correos que envía el portal, en español (usted). Cada mensaje existe también en
# inglés con las mismas variables.

## Invitación

invitation-subject = { $firm } le invitó a su portal de clientes
# Quién invita: la persona del despacho y el despacho, o solo el despacho.
invitation-from-staff = { $inviter }, de { $firm },
invitation-from-firm = { $firm }
invitation-body =
    Hola, { $name }:

    { $who } le ha dado acceso a «{ $matter }» en el portal de clientes del despacho.

    El portal es un espacio privado donde usted y { $firm } comparten documentos, mensajes, facturas y tareas de su asunto; nunca le pedirá una contraseña.

    Abra el portal:
    { $link }

    Este enlace funciona una sola vez y caduca en { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    }. Si ha caducado, abra la dirección del portal sin el enlace y pida un enlace de acceso con esta dirección de correo, o pida a { $firm } una nueva invitación. Si no esperaba este correo, puede ignorarlo.

## Enlace de acceso

sign-in-subject = Su enlace de acceso a { $firm }
sign-in-body =
    Hola:

    Use este enlace para entrar en el portal de clientes de { $firm }:
    { $link }

    Funciona una sola vez y caduca en { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    }. Si no lo ha solicitado, puede ignorar este correo.

## Resumen: el asunto, según lo que contiene

digest-subject-shared = { $firm } compartió { $count ->
        [one] { $count } documento
       *[other] { $count } documentos
    } con usted
digest-subject-bill = Nueva factura de { $firm }
digest-subject-trust = Nueva solicitud de fondos en fideicomiso de { $firm }
digest-subject-moved = Evento cambiado de fecha: portal de clientes de { $firm }
digest-subject-due = { $count ->
        [one] Una tarea vence mañana
       *[other] { $count } tareas vencen mañana
    }: portal de clientes de { $firm }
digest-subject-bills = { $count } facturas y solicitudes nuevas de { $firm }
digest-subject-messages = { $count ->
        [one] { $count } mensaje nuevo
       *[other] { $count } mensajes nuevos
    } en el portal de clientes de { $firm }
digest-subject-uploads-on = { $count ->
        [one] { $count } archivo nuevo subido al portal
       *[other] { $count } archivos nuevos subidos al portal
    } en «{ $matter }»
digest-subject-uploads = { $count ->
        [one] { $count } archivo nuevo subido al portal
       *[other] { $count } archivos nuevos subidos al portal
    }
digest-subject-updates = { $count ->
        [one] { $count } novedad
       *[other] { $count } novedades
    } de { $firm }

## Resumen: el cuerpo

digest-hello = Hola, { $name }:
digest-intro = Novedades en el portal de clientes de { $firm }:
digest-intro-daily = Su resumen diario del portal de clientes de { $firm }:
digest-see = Véalas en el portal:
digest-shared = compartido con usted: { $file }
digest-uploaded = { $who } subió «{ $file }»
digest-message = tiene un mensaje nuevo de { $who }
digest-updated = se actualizó { $file }
digest-bill = nuevo de { $firm }: { $what }
digest-bill-changed = cambio: { $what }
digest-event = evento nuevo: { $what }
digest-event-moved = evento cambiado de fecha: { $what }
digest-event-changed = evento modificado: { $what }
digest-event-cancelled = evento cancelado: { $what }
digest-task = tarea nueva para usted: { $what }
digest-task-due = tarea que vence mañana: { $what }
digest-task-done = { $who } completó la tarea: { $what }
digest-failed-scan = «{ $file }», subido por { $who }, no superó el análisis antimalware y se eliminó
digest-failed-scan-firm = «{ $file }» no superó el análisis antimalware y se eliminó

# Lo que nombra una línea de factura, evento o tarea, y sus fechas e importes.
digest-what-bill = Factura { $number }, { $amount }, vence el { $due }
digest-what-trust = Solicitud de provisión de fondos { $number }, { $amount }, vence el { $due }
digest-what-event = { $title }, el { $day } a las { $time } ({ $zone })
digest-what-task = { $title }, vence el { $due }
digest-money = { $amount } { $currency }
digest-date =
    { $day } de { $month ->
        [1] enero
        [2] febrero
        [3] marzo
        [4] abril
        [5] mayo
        [6] junio
        [7] julio
        [8] agosto
        [9] septiembre
        [10] octubre
        [11] noviembre
       *[12] diciembre
    } de { $year }
